package org.lowcarbontogether.products.web;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.lowcarbontogether.products.Products;

/** Lookups the product templates use: label schemes and categories by code. */
final class ProductStoreViews {

    private ProductStoreViews() {}

    static Map<String, Products.LabelScheme> byCode(List<Products.LabelScheme> schemes) {
        return schemes.stream().collect(Collectors.toMap(Products.LabelScheme::code, s -> s));
    }

    static Map<String, Products.Category> categoriesByCode(List<Products.Category> categories) {
        return categories.stream().collect(Collectors.toMap(Products.Category::code, c -> c));
    }
}
