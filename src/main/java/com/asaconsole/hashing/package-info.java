/**
 * The content hash every module uses for what must not change unseen: plan versions, a change's frozen operations,
 * the audit chain, API tokens, rotation policies, secret purposes. One implementation, so that all agree on the
 * text encoding (UTF-8) and the form (lower-case hex).
 */
@ApplicationModule(displayName = "Hashing")
package com.asaconsole.hashing;

import org.springframework.modulith.ApplicationModule;
