// The same project for Gradle: gradle run (Jazero from the local Maven repository, after
// mvn -B install -DskipTests at the root; Maven Central once it is released).
// tag::readme[]
plugins {
    application
}

java {
    toolchain.languageVersion = JavaLanguageVersion.of(17)
}

repositories {
    mavenLocal()
    mavenCentral()
}

dependencies {
    implementation("dev.jazero:jazero-jsr223:0.1.0-SNAPSHOT")
    compileOnly("dev.jazero:jazero-annotations:0.1.0-SNAPSHOT")
    annotationProcessor("dev.jazero:jazero-processor:0.1.0-SNAPSHOT")
}
// end::readme[]

application {
    mainClass = "example.script.Main"
}
