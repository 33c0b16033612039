package io.microtvm.compile;

import io.microtvm.Setting;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The model formats the compile goal takes, with tvmc's name for each ({@code --model-format}). */
public enum ModelFormat {
    TFLITE("tflite"),
    ONNX("onnx");

    private final String tvmcName;

    ModelFormat(String tvmcName) {
        this.tvmcName = tvmcName;
    }

    /** The name {@code tvmc compile --model-format} takes, which is also the file extension. */
    public String tvmcName() {
        return tvmcName;
    }

    /**
     * The format named by {@code explicit} (parameter {@code modelFormat}) when given, else the one
     * the model's file extension says.
     */
    public static ModelFormat of(Path model, String explicit) throws CompileException {
        if (explicit != null && !explicit.isBlank()) {
            String name = explicit.strip().toLowerCase(Locale.ROOT);
            for (ModelFormat f : values()) {
                if (f.tvmcName.equals(name)) {
                    return f;
                }
            }
            throw new CompileException("Unknown model format '" + explicit + "'; expected one of " + names() + ".",
                    null,
                    Setting.MODEL_FORMAT);
        }
        String file = model.getFileName().toString();
        int dot = file.lastIndexOf('.');
        String extension = dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (ModelFormat f : values()) {
            if (f.tvmcName.equals(extension)) {
                return f;
            }
        }
        throw new CompileException("Cannot tell the format of the model " + model + " from its name: expected a"
                + " file ending in " + Arrays.stream(values()).map(f -> "." + f.tvmcName).collect(Collectors.joining(" or "))
                + ", or give the format, one of " + names() + ".", null, Setting.MODEL_FORMAT);
    }

    private static String names() {
        return Arrays.stream(values()).map(ModelFormat::tvmcName).collect(Collectors.joining(", "));
    }
}
