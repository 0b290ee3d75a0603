/**
 * What every module checks typed input against before it reaches the database or a comparison:
 * the length of each stored text (read from the schema the migrations made, the one source),
 * characters no database or reader should get (NUL, lone surrogates), and user names compared
 * after Unicode normalisation with look-alike characters refused.
 */
@ApplicationModule(displayName = "Input")
package com.asaconsole.input;

import org.springframework.modulith.ApplicationModule;
