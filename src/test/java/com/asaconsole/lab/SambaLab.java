package com.asaconsole.lab;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith(SambaLab.class)}: one real Samba AD DC for the whole test JVM, started on
 * first use and stopped by its pid when the run ends. Tests receive it as a {@link SambaDc}
 * parameter or through {@link #dc()}.
 */
public final class SambaLab implements BeforeAllCallback, ParameterResolver {

    private static volatile SambaDc current;

    @Override
    public void beforeAll(ExtensionContext context) {
        dc(context);
    }

    /** The running DC; only valid in a class extended with this extension. */
    public static SambaDc dc() {
        if (current == null) {
            throw new IllegalStateException("No Samba lab: annotate the test class with @ExtendWith(SambaLab.class)");
        }
        return current;
    }

    /** The lab mode's DC, started outside JUnit: what the lab's LDAP helpers use. */
    static void use(SambaDc dc) {
        current = dc;
    }

    private static SambaDc dc(ExtensionContext context) {
        SambaDc dc = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(SambaDc.class, k -> SambaDc.start(), SambaDc.class);
        current = dc;
        return dc;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SambaDc.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return dc(context);
    }
}
