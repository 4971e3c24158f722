// Fresh, empty stores for tests, on either back end.
//
// PostgreSQL: under CTest, the fixture test `pg_throwaway_start` starts one
// throwaway server for the whole run and passes its URL in the file named by
// CARECOOP_TEST_PG_URL_FILE; a test binary run by hand starts its own
// (scripts/pg_throwaway) and stops it at exit. Each call makes a new database,
// so tests never see each other's data. Never skipped: no server is a failure.
#ifndef CARECOOP_TESTS_SUPPORT_TEST_STORES_H_
#define CARECOOP_TESTS_SUPPORT_TEST_STORES_H_

#include <cstdint>
#include <memory>
#include <string>

#include "store/store.h"

namespace carecoop::testing {

// "sqlite" or "postgresql": a URL for a new, empty store of that back end.
std::string FreshStoreUrl(const std::string& backend);

// Opens FreshStoreUrl(backend); aborts the test binary if it cannot.
std::unique_ptr<store::Store> FreshStore(const std::string& backend);

// The first column of the first row of `sql` on the store at `url` (a
// count, usually): what a test checks the store with by SQL of its own.
// -1, with a test failure recorded, if the store or the query fails.
std::int64_t QueryNumber(const std::string& url, const std::string& sql);

// The URL of the shared test server's maintenance database.
std::string PostgresServerUrl();

}  // namespace carecoop::testing

#endif  // CARECOOP_TESTS_SUPPORT_TEST_STORES_H_
