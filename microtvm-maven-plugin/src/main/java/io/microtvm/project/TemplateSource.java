package io.microtvm.project;

/** Where a template directory was found. */
public enum TemplateSource {
    /** Shipped inside the plugin jar, extracted to a content-addressed directory. */
    BUNDLED("bundled with the plugin"),
    /** An installed TVM's {@code microtvm_template_projects} directory. */
    TVM("from TVM"),
    /** The user's {@code templateDir}. */
    USER("templateDir");

    private final String label;

    TemplateSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
