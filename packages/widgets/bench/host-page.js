// The bench pages' host page, loaded as a classic script at the top of their <body>: a city's page
// shows its own text before a widget's deferred module arrives, and that first layout (the page's
// first use of its fonts) is the page's, not the widget's. Its heading and paragraph are laid out
// here, before the widget's start mark.
document.body.insertAdjacentHTML(
  'afterbegin',
  '<header><h1>Rencontrer la police municipale</h1></header>' +
    '<p>Un café avec un policier : écouter, répondre, suivre. « Vous avez dit, nous avons fait. »</p>',
);
document.body.getBoundingClientRect();
