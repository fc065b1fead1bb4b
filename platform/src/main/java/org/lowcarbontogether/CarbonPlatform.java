package org.lowcarbontogether;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/** Low Carbon Together: personal carbon accounts, community action and programme reporting on one open methodology. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(
        systemName = "Low Carbon Together",
        sharedModules = {"shared", "platform"})
public class CarbonPlatform {

    public static void main(String[] args) {
        SpringApplication.run(CarbonPlatform.class, args);
    }
}
