/// The VigilRisk module.
