package io.github.caistatus.examples.spring.startup;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The same web app with Actuator and Prometheus, run by {@code examples-spring-boot/startup.sh} with and without
 * the starter on its class path, to measure the start-up time the starter adds. Starts, prints, and stops.
 */
@SpringBootApplication
public class StartupApp {

    /**
     * Starts the app, prints the time from JVM start to a started context, and stops it.
     *
     * @param args Spring Boot's arguments
     */
    public static void main(String[] args) {
        long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        var context = SpringApplication.run(StartupApp.class, args);
        long started = System.currentTimeMillis() - jvmStart;
        boolean withStarter = context.containsBean("characterAiStatus");
        System.out.println("started-ms " + started + " starter " + withStarter);
        context.close();
    }
}
