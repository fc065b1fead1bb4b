package org.lowcarbontogether.platform;

import java.beans.PropertyEditorSupport;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.propertyeditors.CustomCollectionEditor;
import org.springframework.core.ResolvableType;
import org.springframework.stereotype.Controller;
import org.springframework.util.ReflectionUtils;
import org.springframework.validation.DataBinder;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Binds the {@link FormNumber} fields of a page's form object with the platform's reading of a typed number. A
 * property editor per field rather than a formatter: when a formatter refuses a value, Spring falls back to its own
 * number editors, which would take {@code 1e400} or {@code 0x1F} after all.
 */
@ControllerAdvice(annotations = Controller.class)
class FormNumberBinding {

    @InitBinder
    void bindFormNumbers(WebDataBinder binder) {
        register(binder);
    }

    /** Registers an editor for each {@link FormNumber} field of the binder's form, and keeps a list of them one per row. */
    static void register(DataBinder binder) {
        Object target = binder.getTarget();
        if (target == null) {
            return;
        }
        ReflectionUtils.doWithFields(
                target.getClass(),
                field -> {
                    Class<?> type = numberType(field);
                    if (List.class.isAssignableFrom(field.getType())) {
                        binder.registerCustomEditor(
                                List.class, field.getName(), new CustomCollectionEditor(List.class));
                    }
                    binder.registerCustomEditor(type, field.getName(), new Editor(type));
                },
                field -> field.isAnnotationPresent(FormNumber.class));
    }

    private static Class<?> numberType(Field field) {
        Class<?> type = List.class.isAssignableFrom(field.getType())
                ? ResolvableType.forField(field).asCollection().resolveGeneric(0)
                : field.getType();
        if (type != BigDecimal.class && type != Long.class && type != Integer.class) {
            throw new IllegalStateException(
                    field + " is marked @FormNumber but is not a BigDecimal, Long or Integer (or a list of them)");
        }
        return type;
    }

    /** Reads a typed number as {@link FormFields} does; prints it as a person would type it. */
    private static final class Editor extends PropertyEditorSupport {

        private final Class<?> type;

        Editor(Class<?> type) {
            this.type = type;
        }

        @Override
        public void setAsText(@Nullable String text) {
            String value = FormFields.blank(text);
            if (value == null) {
                setValue(null);
                return;
            }
            try {
                BigDecimal number = FormFields.boundedDecimal(value);
                setValue(
                        type == Long.class
                                ? (Object) number.longValueExact()
                                : type == Integer.class ? (Object) number.intValueExact() : number);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("not a number within bounds: " + value, e);
            }
        }

        @Override
        public String getAsText() {
            return getValue() instanceof BigDecimal decimal
                    ? decimal.toPlainString()
                    : getValue() == null ? "" : getValue().toString();
        }
    }
}
