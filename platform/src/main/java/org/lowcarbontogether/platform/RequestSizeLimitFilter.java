package org.lowcarbontogether.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/** Refuses API request bodies above {@code lct.api.max-body-size} with a 413 problem before anything reads them. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimitFilter extends OncePerRequestFilter {

    /**
     * Whole methodology documents and bulk uploads may be larger than ordinary requests (a partner's bulk upload of
     * 10,000 activities is about 2.5 MB).
     */
    static final List<String> DOCUMENT_PATHS = List.of(
            "/api/v1/methodology/drafts",
            "/api/v1/records:batch",
            "/api/v1/stories",
            "/api/v1/partner/activities/bulk",
            "/api/v1/rides",
            "/api/v1/infrastructure-reports");

    private final long maxBytes;
    private final long maxDocumentBytes;
    private final ProblemWriter problems;

    RequestSizeLimitFilter(
            @Value("${lct.api.max-body-size:64KB}") DataSize maxBodySize,
            @Value("${lct.api.max-document-size:5MB}") DataSize maxDocumentSize,
            ProblemWriter problems) {
        this.maxBytes = maxBodySize.toBytes();
        this.maxDocumentBytes = maxDocumentSize.toBytes();
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit =
                DOCUMENT_PATHS.stream().anyMatch(request.getRequestURI()::startsWith) ? maxDocumentBytes : maxBytes;
        long length = request.getContentLengthLong();
        if (length > limit) {
            problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "body-too-large");
            return;
        }
        if (length < 0 && request.getHeader("Transfer-Encoding") != null) {
            // Chunked bodies have no declared length; read them through a counting limit instead.
            chain.doFilter(new LimitedBodyRequest(request, limit), response);
            return;
        }
        chain.doFilter(request, response);
    }
}
