package com.asaconsole.secrets;

/** A reference to a stored secret: safe to keep, show and log, unlike the value. */
public record SecretId(long value) {
}
