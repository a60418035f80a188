package nl.learningcommunities.registration.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import nl.learningcommunities.registration.participant.Answer;

/** The columns kept as JSON text: a participant's answers, and a notification's data. */
final class JsonColumns {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Map<String, Object>>> ANSWERS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };

    private JsonColumns() {
    }

    static String answersJson(Map<String, Answer> answers) {
        Map<String, Map<String, Object>> json = new LinkedHashMap<>();
        answers.forEach((id, answer) -> {
            if (answer instanceof Answer.Text t) {
                json.put(id, Map.of("text", t.text()));
            } else if (answer instanceof Answer.Choice c) {
                json.put(id, Map.of("choice", c.option()));
            } else if (answer instanceof Answer.Choices c) {
                json.put(id, Map.of("choices", c.options()));
            } else {
                json.put(id, Map.of("yes", ((Answer.YesNo) answer).yes()));
            }
        });
        return JSON.writeValueAsString(json);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Answer> answers(String json) {
        Map<String, Answer> answers = new LinkedHashMap<>();
        JSON.readValue(json, ANSWERS).forEach((id, value) -> {
            Answer answer;
            if (value.containsKey("text")) {
                answer = new Answer.Text((String) value.get("text"));
            } else if (value.containsKey("choice")) {
                answer = new Answer.Choice((String) value.get("choice"));
            } else if (value.containsKey("choices")) {
                answer = new Answer.Choices((List<String>) value.get("choices"));
            } else {
                answer = new Answer.YesNo((Boolean) value.get("yes"));
            }
            answers.put(id, answer);
        });
        return answers;
    }

    static String stringsJson(Map<String, String> values) {
        return JSON.writeValueAsString(values);
    }

    static Map<String, String> strings(String json) {
        return JSON.readValue(json, STRINGS);
    }
}
