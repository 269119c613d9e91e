import { defineMessages } from '@proximite/widgets/kit/localize.js';

export const messages = defineMessages({
  fr: {
    checking: 'Vérification du lien…',
    invitationTitle: (name: string) => `Bienvenue, ${name}`,
    resetTitle: 'Choisir un nouveau mot de passe',
    invitationIntro:
      'Vous avez été invité à la console des agents. Choisissez votre mot de passe pour activer votre compte.',
    resetIntro: 'Choisissez un nouveau mot de passe ; vos autres sessions seront fermées.',
    account: 'Compte',
    role: 'Rôle',
    roleLabel: (r: string): string =>
      ({ admin: 'Administration', coordinator: 'Coordination', agent: 'Agent', observer: 'Observation' })[
        r
      ] ?? r,
    expires: 'Lien valable jusqu’au',
    password: 'Nouveau mot de passe',
    passwordHint:
      '12 caractères au moins ; une phrase de plusieurs mots est plus sûre et plus facile à retenir.',
    confirm: 'Le même mot de passe, une seconde fois',
    submit: 'Enregistrer le mot de passe',
    submitting: 'Enregistrement…',
    errorsTitle: 'Corrigez ces points :',
    error_short: 'Le mot de passe compte 12 caractères au moins.',
    error_long: 'Le mot de passe compte 256 caractères au plus.',
    error_mismatch: 'Les deux mots de passe ne sont pas les mêmes.',
    refused: (why: string) => `Le mot de passe n’a pas été enregistré. ${why}`,
    invalidTitle: 'Ce lien n’est plus valable',
    invalid:
      'Il a déjà servi, ou il a expiré. Demandez un nouveau lien à un administrateur, ou utilisez « Mot de passe oublié » sur la page de connexion.',
    errorTitle: 'Le lien n’a pas pu être vérifié.',
    retry: 'Réessayer',
    doneTitle: 'Mot de passe enregistré',
    done: 'Connectez-vous maintenant avec votre adresse et ce mot de passe.',
    doneTotp:
      'À cette première connexion, vous enregistrerez aussi une application d’authentification (FreeOTP, Aegis…) : votre rôle demande un second facteur. Gardez votre téléphone à portée de main.',
    signIn: 'Se connecter',
  },
  en: {
    checking: 'Checking the link…',
    invitationTitle: (name: string) => `Welcome, ${name}`,
    resetTitle: 'Choose a new password',
    invitationIntro: 'You were invited to the staff console. Choose your password to activate your account.',
    resetIntro: 'Choose a new password; your other sessions will be closed.',
    account: 'Account',
    role: 'Role',
    roleLabel: (r: string): string =>
      ({ admin: 'Administration', coordinator: 'Coordination', agent: 'Agent', observer: 'Observer' })[r] ??
      r,
    expires: 'Link valid until',
    password: 'New password',
    passwordHint: '12 characters at least; a phrase of several words is safer and easier to remember.',
    confirm: 'The same password again',
    submit: 'Save the password',
    submitting: 'Saving…',
    errorsTitle: 'Fix these:',
    error_short: 'The password has 12 characters at least.',
    error_long: 'The password has 256 characters at most.',
    error_mismatch: 'The two passwords are not the same.',
    refused: (why: string) => `The password was not saved. ${why}`,
    invalidTitle: 'This link is no longer valid',
    invalid:
      'It was already used, or it expired. Ask an administrator for a new link, or use “Forgot password” on the sign-in page.',
    errorTitle: 'The link could not be checked.',
    retry: 'Try again',
    doneTitle: 'Password saved',
    done: 'Sign in now with your address and this password.',
    doneTotp:
      'At this first sign-in you will also set up an authenticator app (FreeOTP, Aegis…): your role needs a second factor. Keep your phone at hand.',
    signIn: 'Sign in',
  },
});
