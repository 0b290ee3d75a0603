package com.asaconsole.directory;

import org.springframework.stereotype.Service;

/** Opens a forest's directory for the operations of {@link ForestDirectory}. */
@Service
public class DirectoryGateway {

    public ForestDirectory open(DirectoryConnection connection) {
        return new ForestDirectory(connection);
    }
}
