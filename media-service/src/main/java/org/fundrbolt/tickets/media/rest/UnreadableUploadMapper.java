package org.fundrbolt.tickets.media.rest;

import java.io.IOException;

import jakarta.ws.rs.core.Response;

import org.fundrbolt.tickets.platform.rest.ProblemMapper;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.core.multipart.MultipartParser.MalformedMessageException;

/**
 * An upload whose multipart framing is broken (its boundary never appears, it ends inside a part, a part's
 * headers are garbled) fails in RESTEasy Reactive's parser before any resource runs. Such a body carries no
 * readable part named 'file', so it gets the same 422 as an upload without one, not a 500.
 */
public class UnreadableUploadMapper {

    /** The parser reports a body that ends before its closing boundary as a bare IOException of its own. */
    private static final String MULTIPART_PARSER = "org.jboss.resteasy.reactive.server.core.multipart.";

    private final ProblemMapper problems;

    public UnreadableUploadMapper(ProblemMapper problems) {
        this.problems = problems;
    }

    @ServerExceptionMapper
    public Response truncated(IOException failure) {
        StackTraceElement[] trace = failure.getStackTrace();
        if (trace.length == 0 || !trace[0].getClassName().startsWith(MULTIPART_PARSER)) {
            return problems.unexpected(failure); // not the client's body: the platform's answer
        }
        return unreadable();
    }

    @ServerExceptionMapper
    public Response malformed(MalformedMessageException failure) {
        return unreadable();
    }

    private static Response unreadable() {
        return ProblemMapper.response(PackageImageResource.missingFilePart("The multipart body could not be read: "
                + "it must contain its boundary and end with the closing boundary. Attach the image as the part "
                + "named 'file'."));
    }
}
