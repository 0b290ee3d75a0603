package com.asaconsole.identity;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.asaconsole.directory.DirectoryGateway;
import com.asaconsole.directory.DirectoryPeople;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.directory.DirectoryUser;

import org.springframework.stereotype.Component;

/** Directory users as console users: their groups (nested ones included) mapped to roles. */
@Component
class DirectoryAccounts {

    private final IdentityProperties.Directory config;
    private final DirectorySettings settings;
    private final DirectoryGateway gateway;

    DirectoryAccounts(IdentityProperties properties, DirectorySettings settings, DirectoryGateway gateway) {
        this.config = properties.directory();
        this.settings = settings;
        this.gateway = gateway;
    }

    boolean enabled() {
        return config.enabled();
    }

    DirectoryPeople people() {
        return gateway.people(settings.connection(config.forest()));
    }

    ConsoleUserDetails details(DirectoryUser user, ConsoleUser.Method method) {
        ConsoleUser console = new ConsoleUser("sid:" + user.objectSid(), user.userPrincipalName() != null ? user.userPrincipalName()
                : user.samAccountName() + "@" + config.forest(), user.displayName() != null ? user.displayName() : user.samAccountName(),
                method, roles(user));
        return new ConsoleUserDetails(console, null, user.enabled(), user.objectGuid(), config.forest());
    }

    Optional<DirectoryUser> byGuid(String guid) {
        return people().findUserByGuid(guid);
    }

    Set<Role> roles(DirectoryUser user) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Map.Entry<Role, List<String>> mapping : config.roleGroups().entrySet()) {
            for (String group : mapping.getValue()) {
                String g = group.trim().toLowerCase(Locale.ROOT);
                boolean member = user.groups().stream().anyMatch(name -> name != null && name.toLowerCase(Locale.ROOT).equals(g))
                        || user.groupDns().stream().anyMatch(dn -> dn.toLowerCase(Locale.ROOT).equals(g));
                if (member) {
                    roles.add(mapping.getKey());
                }
            }
        }
        return roles;
    }

    /** The groups that grant each role, for the page a person without a role sees. */
    Map<Role, List<String>> roleGroups() {
        return config.roleGroups();
    }
}
