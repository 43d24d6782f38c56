package org.activestructopt.app.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.activestructopt.api.Setting;
import org.activestructopt.api.Settings;
import org.activestructopt.api.SettingsSchema;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The options of a command built from a service's settings schema, one {@code --name} per setting. */
final class SettingOptions {

    private SettingOptions() {
    }

    static void add(CommandSpec spec, SettingsSchema schema) {
        for (Setting<?> setting : schema.settings()) {
            String units = setting.units() == null || setting.units().isEmpty() ? "" : " [" + setting.units() + "]";
            String dflt = setting.defaultValue().map(v -> " Default: " + format(setting, v) + ".").orElse("");
            spec.addOption(OptionSpec.builder("--" + setting.name()).paramLabel(setting.type().toString())
                    .type(String.class).description(escape(setting.description() + units + "." + dflt)).build());
        }
    }

    /**
     * Picocli treats a description as a format string with ${...} variables; the texts of a service's settings are
     * plain text (units such as "%", any third-party wording), so their % and ${ are escaped.
     */
    static String escape(String text) {
        return text.replace("%", "%%").replace("${", "$${");
    }

    /** @throws UserException naming the setting whose value is not valid */
    static Settings parse(CommandSpec spec, SettingsSchema schema) throws UserException {
        Map<String, String> values = new LinkedHashMap<>();
        for (Setting<?> setting : schema.settings()) {
            String value = spec.findOption("--" + setting.name()).getValue();
            if (value != null) {
                values.put(setting.name(), value);
            }
        }
        try {
            return schema.parse(values);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> String format(Setting<T> setting, Object value) {
        return setting.format((T) value);
    }
}
