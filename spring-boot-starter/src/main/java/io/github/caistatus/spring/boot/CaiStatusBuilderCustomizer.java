package io.github.caistatus.spring.boot;

import io.github.caistatus.CharacterAiStatusBuilder;

/**
 * Changes the starter's {@code CharacterAiStatus} builder after the {@code cai.status.*} properties are applied,
 * for what properties cannot say (a probe of one's own, a breaker configuration, a listener).
 *
 * <pre>{@code
 * @Bean
 * CaiStatusBuilderCustomizer ownProbe() {
 *     return builder -> builder.probe(myProbe);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface CaiStatusBuilderCustomizer {

    /**
     * Changes the builder.
     *
     * @param builder the builder, properties applied
     */
    void customize(CharacterAiStatusBuilder builder);
}
