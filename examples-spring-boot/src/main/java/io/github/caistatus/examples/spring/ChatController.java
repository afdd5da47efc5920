package io.github.caistatus.examples.spring;

import io.github.caistatus.guard.Answer;
import io.github.caistatus.guard.Fallbacks;
import io.github.caistatus.guard.Guard;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/** {@code POST /chat}: the user's message to Character.AI through the starter's guard, a canned reply when down. */
@RestController
public class ChatController {

    private final Guard guard;
    private final RestClient characterAi;
    private final URI chat;

    /**
     * Made by Spring.
     *
     * @param guard the starter's guard
     * @param chat  Character.AI's chat route ({@code chat.url})
     */
    public ChatController(Guard guard, @Value("${chat.url}") URI chat) {
        this.guard = guard;
        this.chat = chat;
        this.characterAi = RestClient.create();
    }

    /**
     * Sends one message.
     *
     * @param request {@code {"message": "..."}}
     * @return {@code {"reply": ..., "from": "character.ai" | "fallback", "reason": ...}}
     */
    @PostMapping("/chat")
    public Map<String, Object> chat(@RequestBody Map<String, String> request) {
        Map<String, String> body = Map.of("message", request.getOrDefault("message", ""));
        Answer<String> answer = guard.call(() -> characterAi.post().uri(chat).contentType(MediaType.APPLICATION_JSON)
                        .body(body).retrieve().body(String.class))
                .fallback(Fallbacks.cannedReply()).answer();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reply", answer.value());
        out.put("from", answer.fromCharacterAi() ? "character.ai" : "fallback");
        answer.reason().ifPresent(r -> out.put("reason", r.name()));
        return out;
    }
}
