package org.lowcarbontogether.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A number typed into a page's form ({@code BigDecimal}, {@code Long} or {@code Integer}, or a list of them), read as
 * {@link FormFields} reads every typed number: blank is absent, thousands separators are allowed, the value stays within
 * the platform's bounds and a whole-number field takes only whole numbers. Anything else is the field's type mismatch,
 * shown next to it in the reader's language ({@code typeMismatch.*} messages). Bound by {@link FormNumberBinding}.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface FormNumber {}
