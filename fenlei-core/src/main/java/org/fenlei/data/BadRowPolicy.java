package org.fenlei.data;

/** What a reader does with a malformed row: stop with an error, or skip it and count it. */
public enum BadRowPolicy {
    FAIL, SKIP
}
