package org.lowcarbontogether.platform;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.propertyeditors.CustomCollectionEditor;
import org.springframework.context.MessageSource;
import org.springframework.format.support.FormattingConversionService;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindingResult;
import org.springframework.validation.DataBinder;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.WebDataBinder;

/**
 * A page's form object as its template shows it: {@code values}, each field as the person typed it (also one that could
 * not be read, so they can correct it), and {@code errors}, each field's messages in the reader's language from
 * {@code messages*.properties} — Spring's {@code typeMismatch.*} codes for what could not be read, Bean Validation's
 * codes (such as {@code NotNull.*} or {@code Digits}) for what breaks a constraint; problems about no field are under
 * {@code ""}, as in {@link ProblemWriter#fieldMessages}.
 */
@Component
public class PageForms {

    private final FormattingConversionService conversions;
    private final MessageSource messages;

    PageForms(@Qualifier("mvcConversionService") FormattingConversionService conversions, MessageSource messages) {
        this.conversions = conversions;
        this.messages = messages;
    }

    /** A form not yet sent (a new one, or one filled from what is stored), formatted as a person would type it. */
    public Map<String, @Nullable Object> values(Object form) {
        var binder = new DataBinder(form);
        binder.setConversionService(conversions);
        FormNumberBinding.register(binder);
        return values(binder.getBindingResult());
    }

    /** A sent form's fields: each as typed, formatted like its input ({@link FormNumber}, dates); lists stay lists. */
    public Map<String, @Nullable Object> values(BindingResult binding) {
        var target = binding.getTarget();
        var values = new HashMap<String, @Nullable Object>();
        if (target == null) {
            return values;
        }
        for (var property :
                PropertyAccessorFactory.forBeanPropertyAccess(target).getPropertyDescriptors()) {
            String name = property.getName();
            if (name.equals("class") || property.getReadMethod() == null) {
                continue;
            }
            boolean many = Collection.class.isAssignableFrom(property.getPropertyType())
                    || property.getPropertyType().isArray();
            values.put(
                    name,
                    many && !binding.hasFieldErrors(name)
                            ? binding.getRawFieldValue(name)
                            : binding.getFieldValue(name));
        }
        return values;
    }

    /** Each field's messages, joined; problems about no field in particular under {@code ""}. */
    public Map<String, String> errors(BindingResult binding, Locale locale) {
        var byField = new LinkedHashMap<String, String>();
        for (var error : binding.getAllErrors()) {
            String field = error instanceof FieldError fieldError ? fieldError.getField() : "";
            byField.merge(field, messages.getMessage(error, locale), (a, b) -> a + " " + b);
        }
        return byField;
    }

    /** Every message of a form, for a page that shows them together as its problem. */
    public String problem(BindingResult binding, Locale locale) {
        return String.join(" ", errors(binding, locale).values());
    }

    /**
     * For forms with rows of inputs of the same name (tranches, criteria): one row sent is one value, never split at
     * its commas as Spring would split a single text into a list ("30,000" or "Repairs, round one").
     */
    public static void keepRowsWhole(WebDataBinder binder) {
        binder.registerCustomEditor(List.class, new CustomCollectionEditor(List.class));
    }
}
