/// The VigilOps module.
