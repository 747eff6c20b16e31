/// The VigilEngine module.
