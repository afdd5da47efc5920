package io.github.caistatus.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A chat backend in front of Character.AI. Its only cai-status parts are the starter dependency and the
 * {@code cai.status.*} lines of {@code application.properties}: the status, the guard, the {@code characterAi}
 * health component and the {@code cai_status_*} meters come from the starter.
 */
@SpringBootApplication
public class ChatApplication {

    /**
     * Starts the app.
     *
     * @param args Spring Boot's arguments
     */
    public static void main(String[] args) {
        SpringApplication.run(ChatApplication.class, args);
    }
}
