package com.asaconsole.remoting;

/**
 * @param operatingSystem the server's Windows caption and version
 * @param converted whether ConvertOABVDir.ps1 ran
 * @param warning a sentence for the admin (Windows Server 2012, KB 2961921), or null
 */
public record OabConversion(String operatingSystem, boolean converted, String warning) {
}
