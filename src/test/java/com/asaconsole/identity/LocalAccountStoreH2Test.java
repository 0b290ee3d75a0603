package com.asaconsole.identity;

import com.asaconsole.ConsoleTest;

/** The embedded default: H2. */
@ConsoleTest
class LocalAccountStoreH2Test extends LocalAccountStoreContract {
}
