#include "core/identifiers.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <regex>
#include <set>

namespace carecoop::identifiers {
namespace {

const std::array<const char*, 12> kMonths = {"january",   "february", "march",    "april",
                                             "may",       "june",     "july",     "august",
                                             "september", "october",  "november", "december"};

// Words that start a sentence without being a name.
const std::set<std::string>& SentenceStarters() {
  static const std::set<std::string> k = {
      "a",    "an",   "and",   "at",  "but",   "aged",  "has",   "he",     "her",   "his",
      "i",    "in",   "is",    "it",  "likes", "loves", "mum",   "dad",    "my",    "needs",
      "no",   "on",   "our",   "she", "the",   "their", "they",  "this",   "wants", "we",
      "when", "with", "would", "yes", "if",    "since", "after", "before", "from",  "to"};
  return k;
}

// Capitalised words that are not names when they come in a run.
const std::set<std::string>& NotNames() {
  static const std::set<std::string> k = {
      "monday",  "tuesday",   "wednesday", "thursday", "friday",   "saturday", "sunday",
      "january", "february",  "march",     "april",    "may",      "june",     "july",
      "august",  "september", "october",   "november", "december", "north",    "south",
      "east",    "west",      "greater",   "city",     "council",  "school",   "academy",
      "college", "primary",   "secondary", "high",     "england",  "uk",       "the",
      "i",       "camhs",     "nhs",       "ehcp",     "sen",      "send",     "asd",
      "adhd",    "gp",        "rcc",       "road",     "street"};
  return k;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void AddAll(std::vector<Finding>& out, const std::string& s, const std::regex& re, Kind kind) {
  for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it)
    out.push_back({kind, static_cast<std::size_t>(it->position()),
                   static_cast<std::size_t>(it->length()), it->str()});
}

// The forms a date is written in, as regular expressions.
std::vector<std::string> DateForms(const Date& d) {
  const int y = d.year(), m = static_cast<int>(d.month()), day = static_cast<int>(d.day());
  char yy[8];
  std::snprintf(yy, sizeof yy, "%02d", y % 100);
  auto two = [](int v) { return (v < 10 ? "0?" : "") + std::to_string(v); };
  const std::string month = kMonths[static_cast<std::size_t>(m - 1)];
  const std::string mon3 = month.substr(0, 3);
  return {
      std::to_string(y) + "-" + (m < 10 ? "0" : "") + std::to_string(m) + "-" +
          (day < 10 ? "0" : "") + std::to_string(day),
      "\\b" + two(day) + "[/.-]" + two(m) + "[/.-](" + std::to_string(y) + "|" + yy + ")\\b",
      "\\b" + std::to_string(day) + "(st|nd|rd|th)?\\s+(of\\s+)?(" + month + "|" + mon3 +
          ")\\.?,?\\s+" + std::to_string(y) + "\\b",
      "\\b(" + month + "|" + mon3 + ")\\.?\\s+" + std::to_string(day) + "(st|nd|rd|th)?,?\\s+" +
          std::to_string(y) + "\\b",
  };
}

}  // namespace

std::string_view KindCode(Kind kind) {
  switch (kind) {
    case Kind::kName:
      return "name";
    case Kind::kDateOfBirth:
      return "date_of_birth";
    case Kind::kDate:
      return "date";
    case Kind::kPostcode:
      return "postcode";
    case Kind::kStreetAddress:
      return "street_address";
    case Kind::kPhone:
      return "phone";
    case Kind::kEmail:
      return "email";
  }
  return "unknown";
}

std::vector<Finding> Find(std::string_view text, const Known& known) {
  using std::regex;
  constexpr auto kI = regex::ECMAScript | regex::icase;
  static const regex kEmail(R"([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})");
  static const regex kPhone(R"((\+44\s?\(?0?\)?\s?|\b0)(\d[\s-]?){8,9}\d\b)");
  static const regex kPostcode(R"(\b[A-Z]{1,2}[0-9][A-Z0-9]?\s?[0-9][ABD-HJLNP-UW-Z]{2}\b)", kI);
  static const regex kStreet(
      R"(\b\d{1,4}[A-Za-z]?,?\s+([A-Za-z'-]+\s+){1,3}(road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|court|ct|crescent|place|terrace|gardens|grove|hill|park|square|walk|mews|row|view|rise|green)\b\.?)",
      kI);
  static const regex kAnyDate(
      R"(\b(\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-](\d{4}|\d{2})|\d{1,2}(st|nd|rd|th)?\s+(of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4})\b)",
      kI);
  static const regex kCalled(R"(\b(named|called|name is|known as)\s+([A-Z][a-z'-]+))");
  static const regex kCapitalRun(R"(([A-Z][a-z'-]+)(\s+[A-Z][a-z'-]+)+)");

  const std::string s(text);  // std::regex reads std::string iterators
  std::vector<Finding> out;
  AddAll(out, s, kEmail, Kind::kEmail);
  AddAll(out, s, kPhone, Kind::kPhone);
  AddAll(out, s, kPostcode, Kind::kPostcode);
  AddAll(out, s, kStreet, Kind::kStreetAddress);
  std::vector<Finding> dob;
  for (const Date& d : known.dates_of_birth)
    for (const std::string& form : DateForms(d))
      AddAll(dob, s, regex(form, kI), Kind::kDateOfBirth);
  out.insert(out.end(), dob.begin(), dob.end());
  // Any other full date: it may be a date of birth.
  std::vector<Finding> dates;
  AddAll(dates, s, kAnyDate, Kind::kDate);
  for (const Finding& f : dates) {
    const bool is_dob = std::any_of(dob.begin(), dob.end(), [&](const Finding& g) {
      return g.offset < f.offset + f.length && f.offset < g.offset + g.length;
    });
    if (!is_dob) out.push_back(f);
  }
  // Names: known ones anywhere, as whole words.
  const std::string lower = Lower(text);
  for (const std::string& name : known.names) {
    std::string n = Lower(name);
    if (n.size() < 2) continue;
    for (std::size_t at = lower.find(n); at != std::string::npos; at = lower.find(n, at + 1)) {
      const bool starts = at == 0 || !std::isalnum(static_cast<unsigned char>(lower[at - 1]));
      const std::size_t end = at + n.size();
      const bool ends =
          end >= lower.size() || !std::isalnum(static_cast<unsigned char>(lower[end]));
      if (starts && ends)
        out.push_back({Kind::kName, at, n.size(), std::string(text.substr(at, n.size()))});
    }
  }
  // A capitalised word after "named", "called", "name is".
  {
    for (auto it = std::sregex_iterator(s.begin(), s.end(), kCalled); it != std::sregex_iterator();
         ++it)
      out.push_back({Kind::kName, static_cast<std::size_t>(it->position(2)),
                     static_cast<std::size_t>(it->length(2)), it->str(2)});
    // Runs of capitalised words that do not start a sentence.
    for (auto it = std::sregex_iterator(s.begin(), s.end(), kCapitalRun);
         it != std::sregex_iterator(); ++it) {
      std::size_t at = static_cast<std::size_t>(it->position());
      std::string run = it->str();
      // A run that starts a sentence: drop its first word.
      std::size_t back = at;
      while (back > 0 && std::isspace(static_cast<unsigned char>(s[back - 1]))) --back;
      const std::string first = Lower(run.substr(0, run.find_first_of(" \t\n")));
      if ((back == 0 || s[back - 1] == '.' || s[back - 1] == '!' || s[back - 1] == '?' ||
           s[back - 1] == '\n') &&
          (SentenceStarters().count(first) || NotNames().count(first))) {
        const std::size_t space = run.find_first_of(" \t\n");
        at += space;
        while (at < s.size() && std::isspace(static_cast<unsigned char>(s[at]))) ++at;
        run = s.substr(at, static_cast<std::size_t>(it->position()) + it->str().size() - at);
        if (run.find(' ') == std::string::npos) {
          // One word left: a name only if it is not a common capitalised word.
          if (NotNames().count(Lower(run))) continue;
        }
      }
      // Every word a month, a day or a place word: not a name.
      bool all_common = true;
      std::size_t p = 0;
      while (p < run.size()) {
        std::size_t q = run.find_first_of(" \t\n", p);
        if (q == std::string::npos) q = run.size();
        if (!NotNames().count(Lower(run.substr(p, q - p)))) all_common = false;
        p = run.find_first_not_of(" \t\n", q);
        if (p == std::string::npos) break;
      }
      if (!all_common) out.push_back({Kind::kName, at, run.size(), run});
    }
  }
  std::sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    return a.offset != b.offset ? a.offset < b.offset : a.kind < b.kind;
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Finding& a, const Finding& b) {
                          return a.offset == b.offset && a.kind == b.kind && a.length == b.length;
                        }),
            out.end());
  return out;
}

}  // namespace carecoop::identifiers
