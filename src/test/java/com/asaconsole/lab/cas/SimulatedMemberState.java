package com.asaconsole.lab.cas;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** SIMULATOR state: what one simulated CAS member holds: ASA credentials (Latest, Previous), OAB, authentication settings, logons. */
final class SimulatedMemberState {

    private final Clock clock;
    private SimulatedAsaCredential latest;
    private SimulatedAsaCredential previous;
    volatile boolean oabConverted;
    volatile String osCaption = "Microsoft Windows Server 2008 R2 Enterprise";
    volatile String osVersion = "6.1.7601";
    private volatile String outlookAnywhereInternal = "Ntlm";
    private final List<String> mapiMethods = new ArrayList<>(List.of("Ntlm", "OAuth"));
    private final List<Map.Entry<Instant, String>> logons = new ArrayList<>();

    SimulatedMemberState(Clock clock) {
        this.clock = clock;
    }

    /** Set-ClientAccessService -AlternateServiceAccountCredential: the new one is Latest, the old one Previous. */
    synchronized void deploy(String account, char[] password) {
        previous = latest;
        latest = new SimulatedAsaCredential(account, password, clock.instant());
    }

    synchronized void copyFrom(SimulatedMemberState source) {
        SimulatedAsaCredential theirs = source.latest();
        if (theirs == null) {
            throw new IllegalStateException("The source server holds no ASA credential to copy.");
        }
        previous = latest;
        latest = theirs.copy(clock.instant());
    }

    /** The Latest credential as if received at {@code when} (e.g. at a roll long ago); the password stays. */
    synchronized void receivedAt(Instant when) {
        if (latest == null) {
            throw new IllegalStateException("The server holds no ASA credential to date back.");
        }
        latest = latest.copy(when);
    }

    synchronized void removeCredentials() {
        latest = null;
        previous = null;
    }

    synchronized SimulatedAsaCredential latest() {
        return latest;
    }

    synchronized SimulatedAsaCredential previous() {
        return previous;
    }

    synchronized void status(BiConsumer<String, SimulatedAsaCredential> sink) {
        if (latest != null) {
            sink.accept("latest", latest);
        }
        if (previous != null) {
            sink.accept("previous", previous);
        }
    }

    String outlookAnywhereInternal() {
        return outlookAnywhereInternal;
    }

    /** Set-OutlookAnywhere -InternalClientAuthenticationMethod. */
    synchronized void outlookAnywhereInternal(String method) {
        outlookAnywhereInternal = method;
    }

    /** Set-MapiVirtualDirectory -IISAuthenticationMethods with a list the script computed from what was there: plus this one. */
    synchronized void appendMapiMethod(String method) {
        if (!mapiMethods.contains(method)) {
            mapiMethods.add(method);
        }
    }

    /** Set-MapiVirtualDirectory -IISAuthenticationMethods with a literal list: exactly that list (OAuth gone if it is missing). */
    synchronized void mapiMethods(List<String> methods) {
        mapiMethods.clear();
        mapiMethods.addAll(methods);
    }

    synchronized List<String> mapiMethods() {
        return List.copyOf(mapiMethods);
    }

    synchronized void logon(String authenticationPackage) {
        logons.add(Map.entry(clock.instant(), authenticationPackage));
    }

    synchronized Map<String, Long> logons(Duration window) {
        Instant since = clock.instant().minus(window);
        Map<String, Long> counts = new LinkedHashMap<>();
        logons.stream().filter(e -> e.getKey().isAfter(since)).forEach(e -> counts.merge(e.getValue(), 1L, Long::sum));
        return counts;
    }
}
