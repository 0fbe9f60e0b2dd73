package org.fenlei.cli;

import java.io.IOException;

/** A download that failed: the message names the address, why, and how to do without the network. */
final class DownloadException extends IOException {
    private static final long serialVersionUID = 1L;

    DownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
