package com.asaconsole.directory;

import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Starting and cancelling forest-wide SPN scans as a person does it, on the page or through the API: the same
 * checks and the same audit records ({@code inventory.scan-started}, {@code inventory.scan-cancelled}) for both.
 */
@Service
class InventoryScans {

    private final SpnInventory inventory;
    private final DirectorySettings settings;
    private final ApplicationEventPublisher events;

    InventoryScans(SpnInventory inventory, DirectorySettings settings, ApplicationEventPublisher events) {
        this.inventory = inventory;
        this.settings = settings;
        this.events = events;
    }

    /**
     * Starts a scan of the forest in the background.
     *
     * @throws DirectoryException when the forest has no connection or its bind secret can't be read (recorded as refused)
     */
    long start(String forest) {
        try {
            long id = inventory.start(settings.connection(forest));
            events.publishEvent(new DirectoryActivity("inventory.scan-started", "scan #" + id, true, Map.of("forest", forest)));
            return id;
        } catch (DirectoryException | IllegalArgumentException e) {
            events.publishEvent(new DirectoryActivity("inventory.scan-started", forest, false, Map.of("reason", e.getMessage())));
            throw e instanceof DirectoryException d ? d : new DirectoryException(e.getMessage());
        }
    }

    /**
     * Asks a running scan to stop after its current page of results.
     *
     * @return false when the scan is not running (finished, failed or cancelled already); nothing is recorded then
     */
    boolean cancel(long id) {
        boolean running = inventory.find(id).map(s -> s.status() == SpnInventory.Status.RUNNING).orElse(false);
        if (running) {
            inventory.cancel(id);
            events.publishEvent(new DirectoryActivity("inventory.scan-cancelled", "scan #" + id, true, Map.of()));
        }
        return running;
    }
}
