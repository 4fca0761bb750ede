// tag::readme[]
/** An application module that hands a host module to the script engine. */
module example.modular {
    requires dev.jazero.jsr223;              // the script engine, and dev.jazero with it
    requires static dev.jazero.annotations;  // @HostModule and friends: compile time only

    // The script engine finds Clock's host module through this service, which the processor
    // writes; it stops the build with this line when it is missing.
    provides dev.jazero.jsr223.HostModuleProvider with example.modular.Clock_HostModuleProvider;
}
// end::readme[]
