import { defineMessages } from '@proximite/widgets/kit/localize.js';

export const messages = defineMessages({
  fr: {
    title: 'Connexion à la console',
    expiredTitle: 'Session expirée',
    expiredIntro:
      'Votre session a pris fin. Reconnectez-vous : ce que vous étiez en train d’écrire est conservé.',
    intro: 'Réservé aux agents de la ville et de ses partenaires.',
    email: 'Adresse électronique',
    password: 'Mot de passe',
    otp: 'Code de vérification',
    otpOptional: 'Code de vérification (si votre compte a une double authentification)',
    otpHint: 'Les six chiffres affichés par votre application d’authentification.',
    otpAsked: 'Votre compte a une double authentification : saisissez le code de votre application.',
    submit: 'Se connecter',
    submitting: 'Connexion…',
    sso: (name: string) => `Se connecter avec ${name}`,
    ssoHeading: 'Ou avec votre compte professionnel',
    or: 'ou',
    errorSummary: 'La connexion n’a pas abouti',
    required: 'Ce champ est obligatoire.',
    otpFormat: 'Saisissez six chiffres.',
    badCredentials: 'Adresse électronique ou mot de passe incorrect.',
    badOtp: 'Ce code est faux ou a déjà servi ; attendez le suivant.',
    locked: (minutes: number) => `Trop d’essais. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`,
    unreachable: 'Le serveur ne répond pas. Vérifiez la connexion et réessayez.',
    failed: 'La connexion a échoué. Réessayez dans un instant.',
    enrolTitle: 'Activer la double authentification',
    enrolIntro:
      'Votre rôle demande un second facteur. Ajoutez ce compte dans une application d’authentification (par exemple FreeOTP, Aegis ou Google Authenticator) en scannant le code ou en saisissant la clé, puis saisissez le premier code affiché.',
    enrolQr: 'Code QR à scanner avec l’application d’authentification',
    enrolKey: 'Clé à saisir',
    enrolSubmit: 'Activer',
    ssoErrors: (code: string): string =>
      code === 'unknown-account'
        ? 'Aucun compte de la console ne correspond à cette identité. Demandez une invitation à un administrateur.'
        : code === 'disabled'
          ? 'Ce compte est désactivé.'
          : code === 'expired'
            ? 'La connexion par le fournisseur a pris trop de temps. Recommencez.'
            : 'Le fournisseur d’identité n’a pas pu vous connecter. Recommencez, ou connectez-vous avec votre mot de passe.',
  },
  en: {
    title: 'Sign in to the console',
    expiredTitle: 'Session expired',
    expiredIntro: 'Your session has ended. Sign in again: what you were writing is kept.',
    intro: 'For the staff of the city and its partners.',
    email: 'E-mail address',
    password: 'Password',
    otp: 'Verification code',
    otpOptional: 'Verification code (if your account has two-factor authentication)',
    otpHint: 'The six digits shown by your authenticator app.',
    otpAsked: 'Your account has two-factor authentication: enter the code of your app.',
    submit: 'Sign in',
    submitting: 'Signing in…',
    sso: (name: string) => `Sign in with ${name}`,
    ssoHeading: 'Or with your work account',
    or: 'or',
    errorSummary: 'Signing in failed',
    required: 'This field is required.',
    otpFormat: 'Enter six digits.',
    badCredentials: 'Wrong e-mail address or password.',
    badOtp: 'This code is wrong or was already used; wait for the next one.',
    locked: (minutes: number) =>
      `Too many attempts. Try again in ${minutes} minute${minutes > 1 ? 's' : ''}.`,
    unreachable: 'The server does not answer. Check the connection and try again.',
    failed: 'Signing in failed. Try again in a moment.',
    enrolTitle: 'Turn on two-factor authentication',
    enrolIntro:
      'Your role needs a second factor. Add this account to an authenticator app (FreeOTP, Aegis or Google Authenticator, for instance) by scanning the code or typing the key, then enter the first code it shows.',
    enrolQr: 'QR code to scan with the authenticator app',
    enrolKey: 'Key to type in',
    enrolSubmit: 'Turn on',
    ssoErrors: (code: string): string =>
      code === 'unknown-account'
        ? 'No console account matches this identity. Ask an administrator for an invitation.'
        : code === 'disabled'
          ? 'This account is disabled.'
          : code === 'expired'
            ? 'Signing in through the provider took too long. Start again.'
            : 'The identity provider could not sign you in. Start again, or sign in with your password.',
  },
});
