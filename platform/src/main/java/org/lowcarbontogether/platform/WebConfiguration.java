package org.lowcarbontogether.platform;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Two languages everywhere: English and Simplified Chinese. A {@code ?lang=} switch is remembered in a cookie;
 * without one, the browser's Accept-Language decides. Vendored files ({@code /js/vendor/<package>-<version>/}, such as
 * the bundled basemap) never change under their path, so browsers keep them for a year.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);

    @Bean
    LocaleResolver localeResolver() {
        var resolver = new CookieLocaleResolver("lang");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSameSite("Lax");
        resolver.setDefaultLocaleFunction(WebConfiguration::fromAcceptLanguage);
        return resolver;
    }

    /** The first supported language the browser asks for; English when none. */
    static Locale fromAcceptLanguage(HttpServletRequest request) {
        for (Locale wanted : Collections.list(request.getLocales())) {
            if ("zh".equals(wanted.getLanguage())) {
                return Locale.SIMPLIFIED_CHINESE;
            }
            if ("en".equals(wanted.getLanguage())) {
                return Locale.ENGLISH;
            }
        }
        return Locale.ENGLISH;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/js/vendor/**")
                .addResourceLocations("classpath:/static/js/vendor/")
                .setCacheControl(
                        CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        var change = new LocaleChangeInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                    throws ServletException {
                String lang = request.getParameter(getParamName());
                // Only the two supported languages may be chosen; anything else is ignored.
                if (lang != null && !lang.equals("en") && !lang.equals("zh-CN")) {
                    return true;
                }
                return super.preHandle(request, response, handler);
            }
        };
        change.setParamName("lang");
        registry.addInterceptor(change);
    }
}
