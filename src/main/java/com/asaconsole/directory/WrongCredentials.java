package com.asaconsole.directory;

/** The directory refused a user's own name and password (LDAP result 49). */
public class WrongCredentials extends DirectoryException {

    WrongCredentials() {
        super("The user name or password is wrong.");
    }
}
