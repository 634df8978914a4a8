package org.opengateway.api;

import org.springframework.http.HttpStatus;

/** An error answered as problem+json; {@code detail} says in plain words what is wrong and what to do. */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String title;

    public ApiProblem(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "Not found", what);
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "Bad request", detail);
    }

    /** The paging every list takes: page from 0, up to 500 items a page. */
    public static void checkPage(int page, int size) {
        if (page < 0 || size < 1 || size > 500) {
            throw badRequest("page must be 0 or more, and size between 1 and 500.");
        }
    }
}
