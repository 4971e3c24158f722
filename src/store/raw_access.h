// Raw SQL on a transaction's connection: for store/ itself and for tests
// that must reach past the Store's typed interface (to tamper with the audit
// trail, or to count rows as a check independent of the code under test).
// Nothing else in src/ includes this header; tests/layering_test.cc checks.
#ifndef CARECOOP_STORE_RAW_ACCESS_H_
#define CARECOOP_STORE_RAW_ACCESS_H_

#include "store/store.h"

namespace carecoop::store {

// The connection `tx` runs on. Statements run inside tx's transaction.
SqlConnection& RawConnection(Tx& tx);

}  // namespace carecoop::store

#endif  // CARECOOP_STORE_RAW_ACCESS_H_
