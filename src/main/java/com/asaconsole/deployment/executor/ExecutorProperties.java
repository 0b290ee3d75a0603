package com.asaconsole.deployment.executor;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The job executor.
 *
 * @param nodeName this console's name among the nodes sharing the database (default: host name and a random suffix)
 * @param threads jobs one node runs at once
 * @param pollingInterval how often a node looks for due jobs
 * @param heartbeatInterval how often a node marks its running jobs alive
 * @param missedHeartbeats after this many missed heartbeats another node (or this one, restarted) takes the job over as INTERRUPTED
 * @param memberConcurrency CAS members a remote step works on at once
 * @param retries extra attempts for a transient failure (a DC or server that did not answer)
 * @param retryBackoff wait before the first retry; doubled for each further one
 * @param taskTimeout the longest one target's precheck, apply or verify may take
 * @param enabled false: this node queues jobs but never runs any (e.g. a read-only reviewer node)
 */
@ConfigurationProperties("asa.executor")
record ExecutorProperties(String nodeName, @DefaultValue("2") int threads, @DefaultValue("2s") Duration pollingInterval,
        @DefaultValue("30s") Duration heartbeatInterval, @DefaultValue("4") int missedHeartbeats,
        @DefaultValue("16") int memberConcurrency, @DefaultValue("3") int retries, @DefaultValue("2s") Duration retryBackoff,
        @DefaultValue("5m") Duration taskTimeout, @DefaultValue("true") boolean enabled) {

    String node() {
        if (nodeName != null && !nodeName.isBlank()) {
            return nodeName.length() > 50 ? nodeName.substring(0, 50) : nodeName;
        }
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "console";
        }
        String name = host + "-" + Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 6);
        return name.length() > 50 ? name.substring(name.length() - 50) : name;
    }
}
