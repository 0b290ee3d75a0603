package com.asaconsole.shell;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/info} says which version of the product runs, and nothing about the Java
 * runtime, the kernel or the build machine (those help an attacker pick an exploit); it is for
 * admins only (SecurityConfiguration). The Version page shows more to people who signed in.
 */
@Component
class VersionInfo implements InfoContributor {

    private final ObjectProvider<BuildProperties> build;

    VersionInfo(ObjectProvider<BuildProperties> build) {
        this.build = build;
    }

    @Override
    public void contribute(Info.Builder builder) {
        BuildProperties properties = build.getIfAvailable();
        builder.withDetail("version", properties == null ? "development build" : properties.getVersion());
    }
}
