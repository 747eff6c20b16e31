/// The VigilState module.
