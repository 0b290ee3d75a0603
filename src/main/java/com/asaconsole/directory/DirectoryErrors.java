package com.asaconsole.directory;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Locale;

import javax.net.ssl.SSLException;

/** Turns LDAP and JNDI failures into sentences an admin can act on, naming the DC. */
final class DirectoryErrors {

    private DirectoryErrors() {
    }

    static DirectoryException explain(Throwable error, String address, String doing) {
        return new DirectoryException(sentence(error, address, doing), error, unreachable(error));
    }

    /** The DC did not answer or the connection broke: worth trying again later, unlike a refusal. */
    static boolean unreachable(Throwable error) {
        Throwable root = rootCause(error);
        String text = allMessages(error);
        return root instanceof ConnectException || root instanceof NoRouteToHostException || root instanceof SocketTimeoutException
                || root instanceof javax.naming.CommunicationException || root instanceof javax.naming.ServiceUnavailableException
                || text.contains("timed out") || text.contains("connection closed") || text.contains("connection reset")
                || text.contains("socket closed");
    }

    static String sentence(Throwable error, String address, String doing) {
        Throwable root = rootCause(error);
        String text = allMessages(error);
        if (root instanceof UnknownHostException) {
            return "Cannot reach " + address + ": the host name does not resolve. Check the DC name and DNS.";
        }
        if (root instanceof ConnectException || root instanceof NoRouteToHostException) {
            return "Cannot reach " + address + ": the connection was refused. Is the domain controller running and "
                    + "is the LDAPS port open?";
        }
        if (root instanceof SocketTimeoutException || text.contains("timed out") || text.contains("timeout")) {
            return "Cannot reach " + address + ": it did not answer in time while " + doing + ".";
        }
        if (root instanceof CertificateException || text.contains("pkix path") || text.contains("no subject alternative")
                || text.contains("no name matching")) {
            return "Cannot reach " + address + " securely: its certificate is not trusted or does not match the host name. "
                    + "Check the trusted certificate and use the DC's DNS name.";
        }
        if (root instanceof SSLException) {
            return "Cannot reach " + address + ": the TLS handshake failed (" + root.getMessage() + ").";
        }
        if (text.contains("error code 49")) {
            return "The directory refused the bind account's credentials at " + address + ". Check the account name and password.";
        }
        if (text.contains("error code 50") || text.contains("insufficient access")) {
            return "The bind account may not do this at " + address + " (insufficient access rights) while " + doing + ".";
        }
        if (text.contains("error code 32") || text.contains("no such object")) {
            return "The directory has no such object while " + doing + ". Check the DN or OU.";
        }
        if (text.contains("error code 68") || text.contains("already exists")) {
            return "An object with that name already exists while " + doing + ".";
        }
        if (text.contains("error code 19") || text.contains("constraint violation")) {
            return "The directory refused the change (constraint violation) while " + doing + ": " + ldapMessage(error);
        }
        if (text.contains("error code 53") || text.contains("unwilling to perform")) {
            return "The directory is unwilling to perform this while " + doing + ": " + ldapMessage(error);
        }
        if (text.contains("connection closed") || text.contains("connection reset") || text.contains("socket closed")) {
            return "The connection to " + address + " was lost while " + doing + ". Nothing after that point was done.";
        }
        return "The directory operation failed at " + address + " while " + doing + ": " + ldapMessage(error);
    }

    private static String ldapMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        // "[LDAP: error code 19 - 0000202F: samldb: ...]; remaining name '...'" → the directory's own words
        int start = message.indexOf(" - ");
        int end = message.indexOf(']');
        return start >= 0 && end > start ? message.substring(start + 3, end).trim() : message;
    }

    private static Throwable rootCause(Throwable error) {
        Throwable t = error;
        while (true) {
            Throwable next = t instanceof javax.naming.NamingException n && n.getRootCause() != null ? n.getRootCause() : t.getCause();
            if (next == null || next == t) {
                return t;
            }
            t = next;
        }
    }

    private static String allMessages(Throwable error) {
        StringBuilder sb = new StringBuilder();
        Throwable t = error;
        for (int depth = 0; t != null && depth < 10; depth++) {
            if (t.getMessage() != null) {
                sb.append(t.getMessage().toLowerCase(Locale.ROOT)).append(" | ");
            }
            t = t instanceof javax.naming.NamingException n && n.getRootCause() != null ? n.getRootCause() : t.getCause();
        }
        return sb.toString();
    }
}
