package com.asaconsole.shell;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Arrays;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** What is running: version, build time, Java, database, profiles. */
@Controller
class AboutController {

    private final ObjectProvider<BuildProperties> build;
    private final DataSource dataSource;
    private final Environment environment;

    AboutController(ObjectProvider<BuildProperties> build, DataSource dataSource, Environment environment) {
        this.build = build;
        this.dataSource = dataSource;
        this.environment = environment;
    }

    @GetMapping("/about")
    String about(Model model) {
        BuildProperties properties = build.getIfAvailable();
        model.addAttribute("version", properties == null ? "development build" : properties.getVersion());
        model.addAttribute("buildTime", properties == null ? null : properties.getTime());
        model.addAttribute("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        model.addAttribute("database", database());
        String[] profiles = environment.getActiveProfiles();
        model.addAttribute("profiles", profiles.length == 0 ? "default (embedded H2)" : String.join(", ", Arrays.asList(profiles)));
        return "shell/about";
    }

    private String database() {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        } catch (SQLException e) {
            return "unreachable (" + e.getSQLState() + ")";
        }
    }
}
