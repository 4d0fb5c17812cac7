package dev.kubewizard.plan;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;

/**
 * Reads a scalar as the text written in the file. Without it an unquoted {@code kubernetesVersion: 1.30} would be read
 * as the number 1.3 and come back as "1.3".
 */
final class ScalarText extends StdScalarDeserializer<String> {
    private static final long serialVersionUID = 1L;

    ScalarText() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!p.currentToken().isScalarValue()) {
            return (String) ctxt.handleUnexpectedToken(String.class, p);
        }
        return p.getText();
    }
}
