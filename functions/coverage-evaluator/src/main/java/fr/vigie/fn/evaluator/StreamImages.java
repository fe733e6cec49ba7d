package fr.vigie.fn.evaluator;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import software.amazon.awssdk.core.SdkBytes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stream record's image (the Lambda events library's attribute values) as the SDK v2 item the
 * adapters read, so a stream record goes through the same {@code fromItem} as a query result.
 */
final class StreamImages {

    private StreamImages() {
    }

    static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> toSdk(Map<String, AttributeValue> image) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = new HashMap<>();
        image.forEach((name, value) -> item.put(name, toSdk(value)));
        return item;
    }

    static software.amazon.awssdk.services.dynamodb.model.AttributeValue toSdk(AttributeValue v) {
        var b = software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder();
        if (v.getS() != null) {
            return b.s(v.getS()).build();
        }
        if (v.getN() != null) {
            return b.n(v.getN()).build();
        }
        if (v.getBOOL() != null) {
            return b.bool(v.getBOOL()).build();
        }
        if (v.getNULL() != null) {
            return b.nul(v.getNULL()).build();
        }
        if (v.getB() != null) {
            return b.b(SdkBytes.fromByteBuffer(v.getB())).build();
        }
        if (v.getSS() != null) {
            return b.ss(v.getSS()).build();
        }
        if (v.getNS() != null) {
            return b.ns(v.getNS()).build();
        }
        if (v.getBS() != null) {
            return b.bs(v.getBS().stream().map(SdkBytes::fromByteBuffer).toList()).build();
        }
        if (v.getM() != null) {
            return b.m(toSdk(v.getM())).build();
        }
        if (v.getL() != null) {
            List<software.amazon.awssdk.services.dynamodb.model.AttributeValue> list = v.getL().stream().map(StreamImages::toSdk).toList();
            return b.l(list).build();
        }
        throw new IllegalArgumentException("attribute value of no known type: " + v);
    }
}
