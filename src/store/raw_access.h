// Raw SQL on a transaction's connection: for store/ itself and for tests
// that must reach past the Store's typed interface (to tamper with the audit
// trail, or to count rows as a check independent of the code under test).
// Nothing else in src/ includes this header; tests/layering_test.cc checks.
#ifndef CARECOOP_STORE_RAW_ACCESS_H_
#define CARECOOP_STORE_RAW_ACCESS_H_

#include "store/store.h"

namespace carecoop::store {

// Tx's only friend: without this header, nothing can reach the connection.
class RawAccess {
 public:
  static SqlConnection& Connection(Tx& tx) { return tx.conn_; }
};

// The connection `tx` runs on. Statements run inside tx's transaction.
inline SqlConnection& RawConnection(Tx& tx) { return RawAccess::Connection(tx); }

}  // namespace carecoop::store

#endif  // CARECOOP_STORE_RAW_ACCESS_H_
