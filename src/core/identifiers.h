// Personal identifiers in free text: what must not reach a provider as the
// social worker typed it (issue 14, finding 5). A referral's provider
// summary is checked before it is sent; the hub confirms or edits what this
// finds.
//
// Model: a text, and what is known about the child from its records (dates
// of birth, names that appear on the referral). Findings are spans of the
// text with a kind.
// Method: a left-to-right scan with regular expressions (ECMAScript, case-
// insensitive where the kind allows) for e-mail addresses, UK phone numbers
// (10 or 11 digits from 0 or +44, spaces and dashes allowed), full UK
// postcodes (outward and inward code: a district or sector alone, "M6" or
// "M6 5", is allowed), street addresses (a house number, up to three words
// and a street type: Road, Street, Avenue, Close...), dates (the known dates
// of birth in ISO, d/m/y, d-m-y, d.m.y and "d Month yyyy" forms, and any
// other full date, which may be one), and names: every known name as a
// whole word, any capitalised word after "named", "called" or "name is",
// and two or more capitalised words in a row that do not start a sentence
// and are not months, days or place words in kNotNames.
// Complexity: O(n) per pattern for a text of n characters (texts are at
// most a few thousand characters).
// It errs towards finding: a person confirms each finding, so a false
// alarm costs a click and a miss costs a child's privacy. It is no proof
// that a text is clean: free text is read by a person before it leaves.
// References: ONS postcode format (the outward and inward code); Ofcom UK
// numbering plan; ICO, "Anonymisation: managing data protection risk" (2012).
#ifndef CARECOOP_CORE_IDENTIFIERS_H_
#define CARECOOP_CORE_IDENTIFIERS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace carecoop::identifiers {

enum class Kind { kName, kDateOfBirth, kDate, kPostcode, kStreetAddress, kPhone, kEmail };
std::string_view KindCode(Kind kind);  // "name", "date_of_birth", ...

struct Finding {
  Kind kind;
  std::size_t offset = 0, length = 0;  // in bytes of the text
  std::string text;
};

struct Known {
  std::vector<std::string> names;
  std::vector<Date> dates_of_birth;
};

// Every finding, by offset; overlapping findings of different kinds are all kept.
std::vector<Finding> Find(std::string_view text, const Known& known);

}  // namespace carecoop::identifiers

#endif  // CARECOOP_CORE_IDENTIFIERS_H_
