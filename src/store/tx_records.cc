// The Tx templates (store/store.h) compiled once for every record type of
// Mapping<T>; store.h declares them extern, so no other file compiles them.
#include "store/store.h"

namespace carecoop::store {

#define CARECOOP_TX_DEFINE(T) CARECOOP_TX_TEMPLATES(, T)
CARECOOP_STORE_RECORDS(CARECOOP_TX_DEFINE)
#undef CARECOOP_TX_DEFINE

}  // namespace carecoop::store
