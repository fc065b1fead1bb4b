package org.lowcarbontogether.platform;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.constraints.Digits;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.support.DefaultFormattingConversionService;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.validation.BindingResult;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.bind.ServletRequestDataBinder;

/** How a page's form object is read: numbers as people type them, rows kept whole, messages in the reader's language. */
class PageFormsTests {

    /** A form with the kinds of fields the pages use. */
    public static class Sample {
        @FormNumber
        @Digits(integer = 12, fraction = 2)
        private @Nullable BigDecimal amount;

        @FormNumber
        private @Nullable Integer count;

        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private @Nullable LocalDate day;

        @FormNumber
        private List<@Nullable BigDecimal> rows = new ArrayList<>();

        private List<String> titles = new ArrayList<>();

        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private List<@Nullable LocalDate> dues = new ArrayList<>();

        public @Nullable BigDecimal getAmount() {
            return amount;
        }

        public void setAmount(@Nullable BigDecimal amount) {
            this.amount = amount;
        }

        public @Nullable Integer getCount() {
            return count;
        }

        public void setCount(@Nullable Integer count) {
            this.count = count;
        }

        public @Nullable LocalDate getDay() {
            return day;
        }

        public void setDay(@Nullable LocalDate day) {
            this.day = day;
        }

        public List<@Nullable BigDecimal> getRows() {
            return rows;
        }

        public void setRows(List<@Nullable BigDecimal> rows) {
            this.rows = rows;
        }

        public List<String> getTitles() {
            return titles;
        }

        public void setTitles(List<String> titles) {
            this.titles = titles;
        }

        public List<@Nullable LocalDate> getDues() {
            return dues;
        }

        public void setDues(List<@Nullable LocalDate> dues) {
            this.dues = dues;
        }
    }

    private final DefaultFormattingConversionService conversions = new DefaultFormattingConversionService();
    private final PageForms forms;

    PageFormsTests() {
        var messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        forms = new PageForms(conversions, messages);
    }

    private BindingResult bind(Sample sample, Map<String, String[]> parameters) {
        var request = new MockHttpServletRequest();
        parameters.forEach(request::addParameter);
        var binder = new ServletRequestDataBinder(sample, "sample");
        binder.setConversionService(conversions);
        FormNumberBinding.register(binder);
        PageForms.keepRowsWhole(binder);
        var validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        binder.setValidator(validator);
        binder.bind(request);
        binder.validate();
        return binder.getBindingResult();
    }

    @Test
    void readsNumbersAsPeopleTypeThemAndKeepsSingleRowsWhole() {
        var sample = new Sample();
        var binding = bind(
                sample,
                Map.of(
                        "amount",
                        new String[] {" 40,000.50 "},
                        "count",
                        new String[] {"12"},
                        "day",
                        new String[] {"2026-03-01"},
                        "rows",
                        new String[] {"30,000"},
                        "titles",
                        new String[] {"Repairs, round one"}));
        assertThat(binding.hasErrors()).as(binding.toString()).isFalse();
        assertThat(sample.getAmount()).isEqualByComparingTo("40000.50");
        assertThat(sample.getCount()).isEqualTo(12);
        assertThat(sample.getDay()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(sample.getRows()).containsExactly(new BigDecimal("30000"));
        assertThat(sample.getTitles()).containsExactly("Repairs, round one");
        assertThat(forms.values(binding))
                .containsEntry("amount", "40000.50")
                .containsEntry("day", "2026-03-01")
                .containsEntry("titles", List.of("Repairs, round one"));
    }

    @Test
    void blankIsAbsentAndSeveralRowsStayInTheirOrder() {
        var sample = new Sample();
        var binding = bind(
                sample,
                Map.of("amount", new String[] {""}, "rows", new String[] {"1", "", "2.5"}, "dues", new String[] {
                    "2026-03-01", ""
                }));
        assertThat(binding.hasErrors()).as(binding.toString()).isFalse();
        assertThat(sample.getDues()).containsExactly(LocalDate.of(2026, 3, 1), null);
        assertThat(sample.getAmount()).isNull();
        assertThat(sample.getRows()).containsExactly(new BigDecimal("1"), null, new BigDecimal("2.5"));
    }

    @Test
    void whatCannotBeReadIsShownAsTypedWithAMessageInTheReadersLanguage() {
        var sample = new Sample();
        var binding = bind(
                sample,
                Map.of("amount", new String[] {"1e400"}, "count", new String[] {"0x1F"}, "day", new String[] {"tomorrow"
                }));
        assertThat(binding.getFieldErrorCount()).isEqualTo(3);
        assertThat(sample.getAmount()).isNull();
        assertThat(forms.values(binding)).containsEntry("count", "0x1F").containsEntry("amount", "1e400");
        assertThat(forms.errors(binding, Locale.ENGLISH))
                .containsEntry("count", "Enter a whole number.")
                .containsEntry("amount", "Enter a number, for example 12 or 3.5.")
                .containsEntry("day", "Enter a date.");
        assertThat(forms.errors(binding, Locale.SIMPLIFIED_CHINESE)).containsEntry("count", "请输入整数。");
    }

    @Test
    void aWholeNumberFieldTakesOnlyWholeNumbers() {
        var binding = bind(new Sample(), Map.of("count", new String[] {"12.5"}, "rows", new String[] {"1", "x"}));
        assertThat(binding.getFieldError("count")).isNotNull();
        assertThat(forms.errors(binding, Locale.ENGLISH)).containsKey("rows");
    }

    @Test
    void aConstraintIsSaidWithItsLimits() {
        var binding = bind(new Sample(), Map.of("amount", new String[] {"12.345"}));
        assertThat(forms.errors(binding, Locale.ENGLISH))
                .containsEntry(
                        "amount", "Enter a number with at most 12 digits before the decimal point and 2 after it.");
    }

    @Test
    void aFormNotYetSentIsFormattedAsItsInputs() {
        var sample = new Sample();
        sample.setAmount(new BigDecimal("1E+3"));
        sample.setDay(LocalDate.of(2026, 1, 5));
        assertThat(forms.values(sample)).containsEntry("amount", "1000").containsEntry("day", "2026-01-05");
    }
}
