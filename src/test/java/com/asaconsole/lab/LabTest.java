package com.asaconsole.lab;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * A test that needs the lab: the real Samba AD DC and its KDC, PostgreSQL, Chromium, Node's
 * PowerShell parser or the lab's host names, which {@code src/test/lab/ensure-packages.sh} installs
 * (as root). Failsafe runs these in {@code verify}, after the packages are ensured; surefire's
 * {@code test} runs everything else with no lab and no root. A lab part started in an untagged test
 * fails loudly ({@link LabProcess#require}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("lab")
public @interface LabTest {
}
