package com.asaconsole.topology;

/**
 * Someone else saved the item after this editor opened it. Carries the version now stored, so the
 * form can be re-rendered with the editor's input and saved again deliberately.
 */
class EditConflict extends RuntimeException {

    private final String what;
    private final Integer currentVersion;
    private final String current;

    EditConflict(String what, Integer currentVersion, String current) {
        super(what + " was changed by someone else after you opened it. Nothing was saved. Your input is still in the form; "
                + "the saved values are now: " + current + ". Check them, then save again to overwrite.");
        this.what = what;
        this.currentVersion = currentVersion;
        this.current = current;
    }

    EditConflict(String what) {
        super(what + " was changed or deleted by someone else after you opened the page. Nothing was deleted; "
                + "look at it again and retry if you still want to delete it.");
        this.what = what;
        this.currentVersion = null;
        this.current = null;
    }

    /** What was edited, e.g. "Forest contoso.com". */
    String what() {
        return what;
    }

    Integer currentVersion() {
        return currentVersion;
    }

    String current() {
        return current;
    }
}
