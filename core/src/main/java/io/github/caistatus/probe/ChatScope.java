package io.github.caistatus.probe;

import io.github.caistatus.api.ComponentStatus;
import io.github.caistatus.api.Health;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which components of a status page carry chat, and what the others' trouble means for the service: a
 * component's trouble belongs to that component, and only trouble of chat (or, on a page without any chat
 * component, of every component at once) is the whole service's.
 */
final class ChatScope {

    private final Set<String> chat;
    private final List<ComponentStatus> components;
    private final boolean anyChat;

    /**
     * @param chat       names (lower case) of the components, or groups, that carry chat
     * @param components the page's components
     */
    ChatScope(Set<String> chat, List<ComponentStatus> components) {
        this.chat = chat;
        this.components = components;
        this.anyChat = components.stream().anyMatch(this::carriesChat);
    }

    boolean carriesChat(ComponentStatus c) {
        return named(c.name()) || c.group().map(this::named).orElse(false);
    }

    private boolean named(String name) {
        return chat.contains(name.trim().toLowerCase(Locale.ROOT));
    }

    /** Trouble of a component that does not carry chat: part of the service, never all of it. */
    Health outsideChat(Health h) {
        return h == Health.MAJOR_OUTAGE || h == Health.MAINTENANCE ? Health.PARTIAL_OUTAGE : h;
    }

    /** Without chat components, every component down the same way is the service down that way. */
    Health wholePage() {
        if (anyChat || components.isEmpty()) {
            return Health.UNKNOWN;
        }
        Health first = components.get(0).health();
        boolean same = (first == Health.MAINTENANCE || first == Health.MAJOR_OUTAGE)
                && components.stream().allMatch(c -> c.health() == first);
        return same ? first : Health.UNKNOWN;
    }

    /** A running maintenance naming no component, or a chat one (or, without any, all of them). */
    boolean affectsChat(List<String> affected) {
        if (affected.isEmpty()) {
            return true;
        }
        if (!anyChat) {
            return components.isEmpty()
                    || affected.size() >= components.stream().filter(c -> c.group().isEmpty()).count();
        }
        for (String a : affected) {
            if (named(a)) {
                return true;
            }
            for (ComponentStatus c : components) {
                if ((c.id().equals(a) || c.name().equalsIgnoreCase(a)) && carriesChat(c)) {
                    return true;
                }
            }
        }
        return false;
    }
}
