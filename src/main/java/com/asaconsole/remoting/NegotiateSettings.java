package com.asaconsole.remoting;

import java.util.List;

/**
 * @param outlookAnywhereInternal Outlook Anywhere's InternalClientAuthenticationMethod after the change
 * @param mapiMethods the MAPI virtual directory's IISAuthenticationMethods after the change
 */
public record NegotiateSettings(String outlookAnywhereInternal, List<String> mapiMethods) {

    public NegotiateSettings {
        mapiMethods = List.copyOf(mapiMethods);
    }

    public boolean negotiateEverywhere() {
        return "Negotiate".equalsIgnoreCase(outlookAnywhereInternal)
                && mapiMethods.stream().anyMatch("Negotiate"::equalsIgnoreCase);
    }
}
